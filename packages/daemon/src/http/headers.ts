import { version } from '../version';
import { API_VERSION } from './api-version';

export const SERVER_HEADER = `Docker/${version} (linux) skiffd`;

/** Headers dockerd puts on every response; clients read them to know the engine and its API. */
export function engineHeaders(): Record<string, string> {
  return { 'Api-Version': API_VERSION, 'Docker-Experimental': 'false', Ostype: 'linux', Server: SERVER_HEADER };
}
