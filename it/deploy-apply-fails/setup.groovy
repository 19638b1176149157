// A failed terraform apply moves no tag that says "deployed" (cache master, deployed, marker); the rerun after the fix moves them all.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
// app's apply (a new image replaces the resource) fails unless the clone has an (untracked) file allow-apply at its root
repo.write('app/terraform/main.tf', 'variable "image" {\n  type = string\n}\n\nresource "terraform_data" "app" {\n  triggers_replace = var.image\n  provisioner "local-exec" {\n    command = "test -e ${path.root}/../../allow-apply || { echo app-apply-refused >&2; exit 1; }"\n  }\n}\n')
def first = repo.commit('terraform for app')
new File(basedir, 'first-commit.txt').text = first
def prefix = lib.uniquePrefix('deploy-apply-fails')
new File(basedir, 'prefix.txt').text = prefix
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString()]
def firstClone = repo.cloneTo('first')
firstClone.useRegistry("127.0.0.1:5000/${prefix}", *args)
firstClone.write('allow-apply', '')
new File(firstClone.basedir, '.git/info/exclude') << '/allow-apply\n'
// the second commit changes app's image
repo.write('app/app.txt', 'hello again\n')
repo.commit('app changes')
repo.cloneTo('second').useRegistry("127.0.0.1:5000/${prefix}", *args)
new File(lib.at('second').basedir, '.git/info/exclude') << '/allow-apply\n'
return true
