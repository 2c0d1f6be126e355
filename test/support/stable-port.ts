/**
 * A port for a test server that is stopped and started again on the same port (an SMTP or SCIM
 * outage). The first port is drawn below Linux's ephemeral range (32768–60999), not left to the
 * system: while the server is stopped, a port from that range can be handed to another test's
 * server or outgoing connection, and the portal's next attempt then reaches that instead of being
 * refused (a CI run failed with "Greeting never received"; another could not start the sink again).
 *
 * `listen(port)` listens on the port or rejects (EADDRINUSE: another port is drawn).
 */
export async function listenBelowEphemeral(listen: (port: number) => Promise<void>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      await listen(port);
      return port;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt >= 50) throw error;
    }
  }
}
