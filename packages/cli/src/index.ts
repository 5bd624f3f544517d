#!/usr/bin/env node
console.log("luoshi");
