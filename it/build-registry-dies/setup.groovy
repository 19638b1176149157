// The cache registry (a private docker-registry) is killed when app's push starts: the push fails in seconds with the time spent, app has no tag; the rerun after a restart completes and every tag names the image it says.
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def prefix = lib.uniquePrefix('cache-dies')
new File(basedir, 'prefix.txt').text = prefix

// The cache registry as the daemon and azbuild see it: a relay on `port` in front of a private registry.
def port = lib.freePort()
new File(basedir, 'port.txt').text = port
def registry = lib.privateRegistry(new File(basedir, 'registry'), lib.freePort()).start()
def relay = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())
def sockets = new CopyOnWriteArrayList<Socket>()
def fired = new AtomicBoolean()
def trigger = "POST /v2/${prefix}/app/blobs/uploads/"
def pump = { Socket fromSocket, Socket toSocket, boolean watch ->
  def from = fromSocket.inputStream
  def to = toSocket.outputStream
  byte[] buf = new byte[65536]
  String tail = ''
  try {
    int n
    while ((n = from.read(buf)) > 0) {
      if (watch && !fired.get()) {
        String text = tail + new String(buf, 0, n, 'ISO-8859-1')
        if (text.contains(trigger) && fired.compareAndSet(false, true)) {
          // app's first upload is on its way: kill the registry, then refuse every connection
          registry.kill()
          relay.close()
          sockets.each { it.close() }
          new File(basedir, 'killed.txt').text = "killed at ${trigger}\n"
          break
        }
        tail = text.takeRight(trigger.length())
      }
      to.write(buf, 0, n)
      to.flush()
    }
  } catch (IOException ignored) {
  } finally {
    fromSocket.close()
    toSocket.close()
  }
}
Thread.startDaemon('cache-registry-relay') {
  while (!relay.closed) {
    Socket client
    try {
      client = relay.accept()
    } catch (IOException closed) {
      break
    }
    sockets << client
    Socket upstream
    try {
      upstream = new Socket('127.0.0.1', registry.port)
    } catch (IOException refused) {
      client.close() // the registry is gone: hang up, or the daemon waits on this connection for ever
      continue
    }
    sockets << upstream
    Thread.startDaemon { pump(client, upstream, true) }
    Thread.startDaemon { pump(upstream, client, false) }
  }
}
lib.useRegistry("127.0.0.1:${port}/${prefix}")
new File(basedir, '.git/info/exclude') << '/registry/\n/*.txt\n/*.log\n'
return true
