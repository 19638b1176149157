// The cache registry (a private docker-registry) is killed when app's push starts: the push fails in seconds with the time spent, app has no tag; the rerun after a restart completes and every tag names the image it says.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def prefix = lib.uniquePrefix('cache-dies')
new File(basedir, 'prefix.txt').text = prefix

// The cache registry as the daemon and azbuild see it: a relay on `port` in front of a private registry.
def port = lib.freePort()
new File(basedir, 'port.txt').text = port
def registry = lib.privateRegistry(new File(basedir, 'registry'), lib.freePort()).start()
// app's first upload is on its way: the registry dies before it sees it
lib.killingRelay(port, registry, "POST /v2/${prefix}/app/blobs/uploads/")
lib.useRegistry("127.0.0.1:${port}/${prefix}")
new File(basedir, '.git/info/exclude') << '/registry/\n/*.txt\n/*.log\n'
return true
