// Two builds of different commits writing the branch record at once: the last wins, naming only images that exist.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
def c1 = repo.initMini()
def prefix = lib.uniquePrefix('record-concurrent')
new File(basedir, 'prefix.txt').text = prefix
repo.cloneTo('first').useRegistry("127.0.0.1:5000/${prefix}")
repo.write('app/app.txt', 'hello from a\n')
repo.commit('app: a')
repo.cloneTo('a').useRegistry("127.0.0.1:5000/${prefix}")
repo.git('reset', '-q', '--hard', c1)
repo.write('app/app.txt', 'hello from b\n')
repo.commit('app: b')
repo.cloneTo('b').useRegistry("127.0.0.1:5000/${prefix}")
return true
