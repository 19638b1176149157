// A recorded image that was garbage-collected is rebuilt, with a reason, and so is the module built on it.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
def prefix = lib.uniquePrefix('record-gc')
new File(basedir, 'prefix.txt').text = prefix
repo.cloneTo('first').useRegistry("127.0.0.1:5000/${prefix}")
repo.git('commit', '-q', '--allow-empty', '-m', 'nothing changes')
repo.cloneTo('second').useRegistry("127.0.0.1:5000/${prefix}")
return true
