import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import type { Credentials } from './tls-certs'

/** Test-only local servers, always on 127.0.0.1 and an OS-chosen port. */

export interface TestHttpsServer {
  url: string
  server: HttpsServer
  /** One entry per completed TLS handshake: was the session resumed? */
  handshakes: boolean[]
  /** Serve another certificate from the next handshake on. */
  swapCertificate(creds: Credentials): void
  close(): Promise<void>
}

export async function startHttps(
  creds: Credentials,
  opts: { closeEachConnection?: boolean } = {},
): Promise<TestHttpsServer> {
  const server = createHttpsServer({ key: creds.keyPem, cert: creds.certPem }, (req, res) => {
    // `Connection: close` makes the client open a new TLS connection for the next request.
    if (opts.closeEachConnection) res.setHeader('connection', 'close')
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ok: true, path: req.url }))
  })
  const handshakes: boolean[] = []
  server.on('secureConnection', (socket: TLSSocket) => handshakes.push(socket.isSessionReused()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}`,
    server,
    handshakes,
    swapCertificate: (next) => server.setSecureContext({ key: next.keyPem, cert: next.certPem }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A TCP server that accepts connections and never answers: the TLS handshake cannot finish. */
export async function startSilentTcp(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
