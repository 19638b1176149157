#!/bin/sh
. /opt/base/log.sh
while true; do log "working"; sleep 60; done
