def log = new File(basedir, 'build.log').text
assert log.contains("on project mini: azbuild.cacheRegistry: Registry URL 'not a registry' does not start with a host: 'not a registry' is not a host name or IP address with an optional :port; write host[:port][/prefix], e.g. 127.0.0.1:5000/team or registry.example.com/team -> [Help 1]")
assert !log.contains('Illegal character')
assert !log.contains('building')
assert !new File(basedir, 'target/azbuild/build.json').exists()
return true
