// The deploy registry dies mid-copy: retried, one-line error naming module and registry, first module recorded; the rerun after it returns applies and records each module exactly once.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def applies = new File(basedir, 'applies.txt')
// every real apply of a module appends one line: counts applies across both runs
['base', 'app'].each { lib.writeTerraform(it, "echo ${it} \${var.image} >> ${applies.absolutePath}") }
lib.commit('terraform for base and app')
def prefix = lib.uniquePrefix('deploy-dies')
new File(basedir, 'prefix.txt').text = prefix

// The deploy registry as the client sees it: a relay on `port` in front of a private registry.
def port = lib.freePort()
new File(basedir, 'port.txt').text = port
def registry = lib.privateRegistry(new File(basedir, 'registry'), lib.freePort()).start()
// the upload request is on its way to the registry: it dies with the request in hand
lib.killingRelay(port, registry, "PUT /v2/${prefix}/app/blobs/uploads/", true)
lib.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:${port}/${prefix}".toString(),
    "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString())
new File(basedir, '.git/info/exclude') << '/registry/\n/applies.txt\n/tfstate/\n/*.txt\n/*.log\n'
return true
