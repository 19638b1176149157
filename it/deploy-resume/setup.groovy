// A failed terraform apply of the second module leaves the first deployed and recorded; the rerun skips it and deploys the second.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
repo.write('base/terraform/main.tf', 'variable "image" {\n  type = string\n}\n\nresource "terraform_data" "base" {\n  input = var.image\n}\n')
// apply fails unless the clone has an (untracked) file allow-apply at its root
repo.write('app/terraform/main.tf', 'variable "image" {\n  type = string\n}\n\nresource "terraform_data" "app" {\n  input = var.image\n  provisioner "local-exec" {\n    command = "test -e ${path.root}/../../allow-apply || { echo app-apply-refused >&2; exit 1; }"\n  }\n}\n')
repo.commit('terraform for base and app')
def prefix = lib.uniquePrefix('deploy-resume')
new File(basedir, 'prefix.txt').text = prefix
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString()]
['first', 'rerun'].each { repo.cloneTo(it).useRegistry("127.0.0.1:5000/${prefix}", *args) }
def rerun = lib.at('rerun')
rerun.write('allow-apply', '')
new File(rerun.basedir, '.git/info/exclude') << '/allow-apply\n'
return true
