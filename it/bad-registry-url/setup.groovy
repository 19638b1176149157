// A cache registry URL that is not one (-Dazbuild.cacheRegistry='not a registry'): one line naming the setting.
evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initMini()
return true
