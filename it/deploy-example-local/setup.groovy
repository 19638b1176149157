// build and deploy of a two-module repository with restart=docker: images copied by digest, terraform applied, containers run, a second deploy skips both modules, and a diff-mode plan reads the deploy record instead of asking for each master image.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
repo.write('app/terraform/main.tf', 'variable "image" {\n  type = string\n}\n\nresource "terraform_data" "app" {\n  input = var.image\n}\n')
repo.commit('app: terraform')
def prefix = lib.uniquePrefix('deploy-local')
new File(basedir, 'prefix.txt').text = prefix
// containers are <namespace>-<image>; the default namespace is the root artifactId and a hash of the cache registry
def namespace = 'mini-' + java.security.MessageDigest.getInstance('SHA-256')
    .digest("127.0.0.1:5000/${prefix}".toString().getBytes('UTF-8')).encodeHex().toString().take(8)
new File(basedir, 'namespace.txt').text = namespace
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString(),
            '-Dazbuild.deploy.restart=docker']
['first', 'second', 'third'].each { repo.cloneTo(it).useRegistry("127.0.0.1:5000/${prefix}", *args) }
return true
