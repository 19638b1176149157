// The Java example through the lifecycle binding, with mvn install and mvn -T 2 install: an unrelated commit moves 0 layer bytes (services re-tagged, their tests skipped), a service source edit rebuilds only that service, a library edit rebuilds both, a compiler-release change in the root pom rebuilds both; each rebuilt image runs the new code; mvn -T 2 deploy deploys once for the reactor, and not at all when a module failed.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def seq = lib.at('seq')
seq.basedir.mkdirs()
seq.initJavaServices()
new File(seq.basedir, '.git/info/exclude') << '*.log\n' // the runs' logs: never committed
def prefix = lib.uniquePrefix('java-lifecycle')
new File(basedir, 'prefix.txt').text = prefix
seq.useRegistry("127.0.0.1:5000/${prefix}-seq", '-Dazbuild.reproducible=true')
seq.cloneTo('par').useRegistry("127.0.0.1:5000/${prefix}-par", '-Dazbuild.reproducible=true')
return true
