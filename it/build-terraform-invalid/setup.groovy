// A module whose terraform/ does not validate fails build before anything is built, so it never gets a commit image.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
lib.write('app/terraform/main.tf', 'resource "terraform_data" "app" {\n  input = var.image\n}\n')
lib.commit('app: terraform without its variable')
def prefix = lib.uniquePrefix('tf')
new File(basedir, 'prefix.txt').text = prefix
lib.useRegistry("127.0.0.1:5000/${prefix}")
return true
