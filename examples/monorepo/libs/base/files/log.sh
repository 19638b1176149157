#!/bin/sh
# shared helper for every service
echo "[$(date)] $*"
