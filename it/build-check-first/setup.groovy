// A Dockerfile only the daemon's parser refuses, in the last module of -T2: found before any image is pushed or re-tagged.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
// the fourth image module in build order; azbuild's own checks pass this, the classic builder's parser does not
lib.write('services/worker/Dockerfile', 'FROM libs-base\nCOPY bin/\nCMD ["sh", "/usr/local/bin/work.sh"]\n')
lib.commit('worker: a COPY without a destination')
def prefix = lib.uniquePrefix('check-first')
new File(basedir, 'prefix.txt').text = prefix
lib.useRegistry("127.0.0.1:5000/${prefix}")
new File(basedir, '.git/info/exclude') << '/prefix.txt\n/*.log\n'
return true
