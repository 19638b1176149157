// One build job fails: no deploy job runs; once the cause is fixed, re-running only that job (same commit, same registry) completes the workflow and the deploys succeed.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('ci-local-rerun')
new File(basedir, 'prefix.txt').text = prefix
// worker copies a tool from an image that is not in the registry yet: its job fails at the pull
def tools = "127.0.0.1:5000/${prefix}-tools/busybox:1"
new File(basedir, 'tools-image.txt').text = tools
def dockerfile = new File(repo.basedir, 'services/worker/Dockerfile')
dockerfile.text = dockerfile.text.replace('COPY bin/ /usr/local/bin/\n',
    "COPY --from=${tools} /bin/busybox /usr/local/bin/tools-busybox\nCOPY bin/ /usr/local/bin/\n")
assert dockerfile.text.contains('COPY --from=')
repo.commit('worker: copy a tool from the tools image')
repo.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
    "-Dazbuild.ciLocal.mavenArgs=-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString())
return true
