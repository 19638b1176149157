// With azbuild.reproducible, a -T2 build and a -T1 build of one commit leave the same registry state: every module's tags name the same digests, the multi-stage api and its stage included.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def parallel = lib.uniquePrefix('repro-t2')
def serial = parallel.replace('repro-t2', 'repro-t1')
new File(basedir, 'prefixes.txt').text = "${parallel}\n${serial}\n"
repo.cloneTo('parallel').useRegistry("127.0.0.1:5000/${parallel}", '-T2', '-Dazbuild.reproducible=true')
repo.cloneTo('serial').useRegistry("127.0.0.1:5000/${serial}", '-Dazbuild.reproducible=true')
return true
