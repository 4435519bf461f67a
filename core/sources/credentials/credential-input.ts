import { z } from 'zod';
import { isRecord } from '../../connectors/shared/json-body.js';

/**
 * What an admin gives a source to post replies with (PUT /dialogue/sources/:id/credentials):
 * - a token, used as given (`scheme` may be left out): Mastodon's access token, or any token;
 * - Reddit: the app's client id and secret and a refresh token (a "permanent" authorisation),
 *   from which Écoute takes a new access token whenever the current one nears its hour;
 * - Bluesky: the account's identifier and an app password, with which Écoute opens a session
 *   and keeps it alive (refreshSession), opening a new one when the refresh token expires.
 */
export const credentialsSchema = z.preprocess(
  (value) =>
    isRecord(value) && value.scheme === undefined ? { ...value, scheme: 'token' } : value,
  z.discriminatedUnion('scheme', [
    z.object({ scheme: z.literal('token'), token: z.string().min(8).max(8192) }).strict(),
    z
      .object({
        scheme: z.literal('reddit_oauth'),
        clientId: z.string().min(1).max(200),
        clientSecret: z.string().min(1).max(500),
        refreshToken: z.string().min(8).max(8192),
        /** Reddit's token endpoint unless told (a local server in tests). */
        tokenUrl: z.string().url().max(2000).optional(),
      })
      .strict(),
    z
      .object({
        scheme: z.literal('bluesky_session'),
        /** The account's handle or e-mail. */
        identifier: z.string().min(1).max(320),
        /** An app password (Settings → App passwords), never the account's own password. */
        appPassword: z.string().min(4).max(200),
      })
      .strict(),
  ]),
);
export type CredentialsInput = z.output<typeof credentialsSchema>;

/** Which scheme each platform accepts besides a plain token. */
export const RENEWABLE_SCHEME: Readonly<Record<string, CredentialsInput['scheme']>> = {
  reddit: 'reddit_oauth',
  bluesky: 'bluesky_session',
};
