def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
repo.write('app/terraform/main.tf', 'variable "image" {\n  type = string\n}\n\nresource "terraform_data" "app" {\n  input = var.image\n}\n')
repo.commit('app: terraform')
def prefix = lib.uniquePrefix('deploy-local')
new File(basedir, 'prefix.txt').text = prefix
['docker', 'rm', '-f', 'azbuild-base', 'azbuild-app'].execute().waitFor()
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString(),
            '-Dazbuild.deploy.restart=docker']
['first', 'second'].each { repo.cloneTo(it).useRegistry("127.0.0.1:5000/${prefix}", *args) }
return true
