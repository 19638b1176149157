// ensure-terraform takes the pinned version from the PATH when it matches, without touching the (unreachable) mirror.
evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initMini()
return true
