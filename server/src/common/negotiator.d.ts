/** negotiator 1.x (the part BEH uses): the client's best encoding of those available. */
declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http';

  export default class Negotiator {
    constructor(request: Pick<IncomingMessage, 'headers'>);
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
