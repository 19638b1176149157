// A cache registry URL naming a web server that answers HTML: named as not a registry, not taken for "image missing".
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
// a web server on a free port: every request gets an HTML 404 page (a daemon thread of the invoker's JVM)
def server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
def requests = new File(basedir, 'requests.txt')
Thread.startDaemon('html-host') {
  while (!server.closed) {
    Socket socket
    try {
      socket = server.accept()
    } catch (IOException closed) {
      break
    }
    Thread.startDaemon {
      socket.withCloseable { s ->
        def reader = new BufferedReader(new InputStreamReader(s.inputStream, 'ISO-8859-1'))
        def line = reader.readLine()
        while (line) {
          requests << line + '\n'
          for (def header = reader.readLine(); header; header = reader.readLine()) {
          }
          def page = '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>'
          def body = line.startsWith('HEAD ') ? '' : page
          s.outputStream << "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: ${page.length()}\r\n\r\n${body}"
          s.outputStream.flush()
          line = reader.readLine()
        }
      }
    }
  }
}
new File(basedir, 'port.txt').text = server.localPort
lib.useRegistry("127.0.0.1:${server.localPort}/team")
new File(basedir, '.git/info/exclude') << '/*.txt\n'
return true
