/** Who acts on the board: an API key (a staff member signs in with their own key or session). */
export interface Actor {
  keyId: string;
  name: string;
}
