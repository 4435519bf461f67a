export function Brand() {
  return (
    <span class="brand">
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <span>Écoute</span>
    </span>
  );
}
