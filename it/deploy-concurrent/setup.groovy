// While one deploy holds the lock, a second is refused at once naming the holder, and a dry run reports the holder without taking the lock.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).at('repo')
lib.basedir.mkdirs()
lib.initMini()
def applying = new File(basedir.toString(), 'applying')
def release = new File(basedir.toString(), 'release')
// A's apply of base holds its deploy (and lock) until verify.groovy creates the release file
lib.writeTerraform('base', "touch ${applying.absolutePath}; i=0; while [ ! -e ${release.absolutePath} ]; do i=\$((i+1)); [ \$i -gt 1200 ] && exit 1; sleep 0.1; done")
lib.commit('terraform for base')
def prefix = lib.uniquePrefix('deploy-concurrent')
new File(basedir.toString(), 'prefix.txt').text = prefix
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.deploy.stateDir=${new File(basedir.toString(), 'tfstate').absolutePath}".toString()]
lib.useRegistry("127.0.0.1:5000/${prefix}", *args)
['a', 'b', 'c'].each { lib.cloneTo(it).useRegistry("127.0.0.1:5000/${prefix}", *args) }
return true
