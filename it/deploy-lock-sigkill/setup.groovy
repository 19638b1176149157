// A SIGKILLed deploy's lock is renewed by nobody: another host is refused while it was live, then takes it over after the stale time.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).at('repo')
lib.basedir.mkdirs()
lib.initMini()
def applying = new File(basedir.toString(), 'applying')
def release = new File(basedir.toString(), 'release')
// base's apply waits (up to 120 s) for a release file
lib.writeTerraform('base', "touch ${applying.absolutePath}; i=0; while [ ! -e ${release.absolutePath} ]; do i=\$((i+1)); [ \$i -gt 1200 ] && exit 1; sleep 0.1; done")
lib.commit('terraform for base')
def prefix = lib.uniquePrefix('deploy-sigkill')
new File(basedir.toString(), 'prefix.txt').text = prefix
def deployArgs = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(), '-Dazbuild.deploy.lockStaleAfter=5']
lib.useRegistry("127.0.0.1:5000/${prefix}", *deployArgs)
// two machines: each its own terraform state; the other one names itself
lib.cloneTo('victim').useRegistry("127.0.0.1:5000/${prefix}", *deployArgs,
    "-Dazbuild.deploy.stateDir=${new File(basedir.toString(), 'tfstate-victim').absolutePath}".toString())
lib.cloneTo('other').useRegistry("127.0.0.1:5000/${prefix}", *deployArgs,
    "-Dazbuild.deploy.stateDir=${new File(basedir.toString(), 'tfstate-other').absolutePath}".toString(),
    '-Dazbuild.deploy.host=other-host', '-Dazbuild.deploy.runId=other-run')
return true
