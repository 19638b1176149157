// A Dockerfile FROM an in-repo image whose module is not a <dependency> fails plan with one line saying which dependency to add, and writes no plan.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
lib.write('services/worker/Dockerfile', 'FROM libs-base\nCOPY --from=web /srv/www /srv/www\n')
lib.commit('worker copies from web')
return true
