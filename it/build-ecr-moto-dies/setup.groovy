// The AWS emulator (a private moto) dies when the build asks it for app's ECR repository: a one-line error, app has no tag; the rerun after a restart completes and every tag names the image build.json reports.
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def aws = evaluate(new File(itLib, 'aws.groovy'))
lib.initMini()
def prefix = lib.uniquePrefix('ecr-dies')
new File(basedir, 'prefix.txt').text = prefix

// ECR's control plane as azbuild sees it: a relay on `port` in front of a private moto
int port = lib.freePort()
new File(basedir, 'port.txt').text = port
def moto = aws.privateMoto(new File(basedir, 'moto'), lib.freePort()).start()
def relay = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())
def sockets = new CopyOnWriteArrayList<Socket>()
def fired = new AtomicBoolean()
def trigger = "\"${prefix}/app\""
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
          // the first request about app's repository: kill the emulator, refuse every connection
          moto.kill()
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
Thread.startDaemon('moto-relay') {
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
      upstream = new Socket('127.0.0.1', moto.port)
    } catch (IOException refused) {
      client.close() // the emulator is gone: hang up
      continue
    }
    sockets << upstream
    Thread.startDaemon { pump(client, upstream, true) }
    Thread.startDaemon { pump(upstream, client, false) }
  }
}
lib.useRegistry("123456789012.dkr.ecr.us-east-2.amazonaws.com/${prefix}",
    "-Dazbuild.aws.endpoint=http://127.0.0.1:${port}".toString(), '-Dazbuild.ecr.dataPlane=127.0.0.1:5000',
    // the AWS SDK's system-property credentials: verify.groovy starts Maven without the invoker's environment
    '-Daws.accessKeyId=test', '-Daws.secretAccessKey=test')
new File(basedir, '.git/info/exclude') << '/moto/\n/*.txt\n/*.log\n'
return true
