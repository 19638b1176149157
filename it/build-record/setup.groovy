// A full build writes the build record; the next build probes only the module the record does not vouch for.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('record')
new File(basedir, 'prefix.txt').text = prefix
repo.cloneTo('first').useRegistry("127.0.0.1:5000/${prefix}")
repo.write('services/web/static/index.html', '<!doctype html>\n<h1>changed</h1>\n')
repo.commit('web: new page')
repo.cloneTo('second').useRegistry("127.0.0.1:5000/${prefix}")
repo.cloneTo('third').useRegistry("127.0.0.1:5000/${prefix}", '-Dazbuild.buildRecord=false')
return true
