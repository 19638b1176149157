// SIGTERM during a deploy releases the lock at once: another host deploys right after, without waiting for it to go stale.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).at('repo')
lib.basedir.mkdirs()
lib.initMini()
def applying = new File(basedir.toString(), 'applying')
def release = new File(basedir.toString(), 'release')
def shellPid = new File(basedir.toString(), 'shell.pid')
// base's apply records its shell's pid and waits (up to 120 s) for a release file
lib.writeTerraform('base', "echo \$\$ > ${shellPid.absolutePath}; touch ${applying.absolutePath}; i=0; while [ ! -e ${release.absolutePath} ]; do i=\$((i+1)); [ \$i -gt 1200 ] && exit 1; sleep 0.1; done")
lib.commit('terraform for base')
def prefix = lib.uniquePrefix('deploy-sigterm')
new File(basedir.toString(), 'prefix.txt').text = prefix
def deployArgs = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString()]
lib.useRegistry("127.0.0.1:5000/${prefix}", *deployArgs)
// two machines: each its own terraform state; the other one names itself
lib.cloneTo('victim').useRegistry("127.0.0.1:5000/${prefix}", *deployArgs,
    "-Dazbuild.deploy.stateDir=${new File(basedir.toString(), 'tfstate-victim').absolutePath}".toString())
lib.cloneTo('other').useRegistry("127.0.0.1:5000/${prefix}", *deployArgs,
    "-Dazbuild.deploy.stateDir=${new File(basedir.toString(), 'tfstate-other').absolutePath}".toString(),
    '-Dazbuild.deploy.host=other-host', '-Dazbuild.deploy.runId=other-run')
return true
