// A branch build primes its layer cache from the default branch's image when the branch has none.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('primes')
new File(basedir, 'prefix.txt').text = prefix
repo.cloneTo('before').useRegistry("127.0.0.1:5000/${prefix}")
repo.git('checkout', '-q', '-b', 'feature/routes')
repo.write('services/api/src/routes.txt', 'GET /ping\nGET /users\nGET /orders\n')
repo.commit('api: orders route')
repo.cloneTo('after').useRegistry("127.0.0.1:5000/${prefix}", '-Dazbuild.masterTag=main')
return true
