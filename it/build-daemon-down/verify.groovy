def log = new File(basedir, 'build.log').text
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('Docker daemon not reachable at unix:///tmp/azbuild-it-no-daemon.sock')
assert error.contains('start it')
return true
