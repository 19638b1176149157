// A build record of another format, or a damaged one, is ignored with a warning: every module is probed.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
def prefix = lib.uniquePrefix('record-foreign')
new File(basedir, 'prefix.txt').text = prefix
repo.cloneTo('first').useRegistry("127.0.0.1:5000/${prefix}")
repo.git('commit', '-q', '--allow-empty', '-m', 'nothing changes')
repo.cloneTo('second').useRegistry("127.0.0.1:5000/${prefix}")
repo.git('commit', '-q', '--allow-empty', '-m', 'nothing changes again')
repo.cloneTo('third').useRegistry("127.0.0.1:5000/${prefix}")
return true
