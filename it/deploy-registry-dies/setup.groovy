// The deploy registry dies mid-copy: retried, one-line error naming module and registry, first module recorded; the rerun after it returns applies and records each module exactly once.
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def applies = new File(basedir, 'applies.txt')
// every real apply of a module appends one line: counts applies across both runs
['base', 'app'].each { lib.writeTerraform(it, "echo ${it} \${var.image} >> ${applies.absolutePath}") }
lib.commit('terraform for base and app')
def prefix = lib.uniquePrefix('deploy-dies')
new File(basedir, 'prefix.txt').text = prefix

// The deploy registry as the client sees it: a relay on `port` in front of a private registry.
def port = lib.freePort()
new File(basedir, 'port.txt').text = port
def registry = lib.privateRegistry(new File(basedir, 'registry'), lib.freePort()).start()
def relay = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())
def sockets = new CopyOnWriteArrayList<Socket>()
def fired = new AtomicBoolean()
def trigger = "PUT /v2/${prefix}/app/blobs/uploads/"
def pump = { Socket fromSocket, Socket toSocket, boolean watch ->
  def from = fromSocket.inputStream
  def to = toSocket.outputStream
  byte[] buf = new byte[65536]
  String tail = ''
  try {
    int n
    while ((n = from.read(buf)) > 0) {
      to.write(buf, 0, n)
      to.flush()
      if (watch && !fired.get()) {
        String text = tail + new String(buf, 0, n, 'ISO-8859-1')
        if (text.contains(trigger) && fired.compareAndSet(false, true)) {
          // the upload request is on its way to the registry: kill it, then refuse every connection
          registry.kill()
          relay.close()
          sockets.each { it.close() }
          new File(basedir, 'killed.txt').text = "killed at ${trigger}\n"
        }
        tail = text.takeRight(trigger.length())
      }
    }
  } catch (IOException ignored) {
  } finally {
    fromSocket.close()
    toSocket.close()
  }
}
Thread.startDaemon('deploy-registry-relay') {
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
      client.close() // the registry is gone: hang up, or the client waits on this connection for ever
      continue
    }
    sockets << upstream
    Thread.startDaemon { pump(client, upstream, true) }
    Thread.startDaemon { pump(upstream, client, false) }
  }
}
lib.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:${port}/${prefix}".toString(),
    "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString())
new File(basedir, '.git/info/exclude') << '/registry/\n/applies.txt\n/tfstate/\n/*.txt\n/*.log\n'
return true
