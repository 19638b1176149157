def log = new File(basedir, 'build.log').text
def host = "127.0.0.1:${new File(basedir, 'port.txt').text.trim()}"
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains("on project mini: ") : error
// the plan's probe of base's cache tag got the page's 404: named as a web server, once, nothing built
assert error.contains("${host} is not a container registry: GET http://${host}/v2/ answered 404 Not Found (text/html) with the page \"404 Not Found\", where a registry answers 200 or 401 with a Docker-Distribution-API-Version header; check the registry URL (azbuild.cacheRegistry, azbuild.deployRegistry): host[:port] of a Docker or OCI registry, not of a web server") : error
assert error.count('is not a container registry') == 1 : error
assert !log.contains(': building (')
assert !log.contains('image built')
def requests = new File(basedir, 'requests.txt').readLines()
assert requests.contains('GET /v2/ HTTP/1.1')
assert !requests.any { it.startsWith('PUT ') || it.startsWith('POST ') || it.startsWith('PATCH ') }
return true
