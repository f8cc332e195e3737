// The ApplicationSet generator plugin of Argo CD's docs (seed 004) on Node's own http module, with the
// docs' 403 fall-through fixed (their handler answers 403 and then carries on) and written to pass the
// conformance suite: token from /var/run/argo/token, an exact bearer compare in constant time,
// {"output": {"parameters": [...]}} for any input, 400 (never a 5xx) for requests Argo CD would never send.
// Broken samples require this file as ./hello and replace one function of `plugin`.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const PORT = 4355;
const RPC_PATH = '/api/v1/getparams.execute';
const MAX_BODY = 8 * 1024 * 1024;

const token = fs.readFileSync('/var/run/argo/token', 'utf8').trim();
const expected = Buffer.from('Bearer ' + token, 'utf8');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const plugin = {
  token,

  // Exactly one Authorization header, equal to "Bearer <token>", compared in constant time.
  authorized(req) {
    const values = req.headersDistinct.authorization;
    if (!values || values.length !== 1) return false;
    const given = Buffer.from(values[0], 'latin1');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  },

  handle(req, res) {
    if (!plugin.authorized(req)) return empty(res, 403); // and nothing else: the fix to the docs' example
    if (req.url.split('?', 1)[0] !== RPC_PATH) return empty(res, 404);
    if (req.method !== 'POST') return empty(res, 405, { Allow: 'POST' });
    readBody(req, res, (body) => {
      const args = plugin.request(body);
      if (args === undefined) return send(res, 400, { message: 'not a getparams.execute request' });
      send(res, 200, plugin.generate(args.applicationSetName, (args.input && args.input.parameters) || {}));
    });
  },

  // A JSON object whose input, when given, is an object whose parameters, when given, are a map
  // (values of any JSON type); Argo CD leaves input.parameters out when there are none.
  request(body) {
    let args;
    try {
      args = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return undefined;
    }
    if (!isObject(args)) return undefined;
    const input = args.input;
    if (input !== undefined && input !== null && !isObject(input)) return undefined;
    const parameters = input ? input.parameters : undefined;
    if (parameters !== undefined && parameters !== null && !isObject(parameters)) return undefined;
    return args;
  },

  // The docs' reply: two parameter sets, whatever the input.
  generate(applicationSetName, parameters) {
    return { output: { parameters: [{ key1: 'val1', key2: 'val2' }, { key1: 'val2', key2: 'val2' }] } };
  },
};

function readBody(req, res, then) {
  if (Number(req.headers['content-length']) > MAX_BODY) return tooLarge(res);
  const chunks = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk) => {
    if (over) return;
    size += chunk.length;
    if (size > MAX_BODY) {
      over = true;
      chunks.length = 0;
      return tooLarge(res);
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!over) then(Buffer.concat(chunks, size));
  });
  req.on('error', () => {}); // the client went away mid-body: nobody to answer
}

function tooLarge(res) {
  send(res, 413, { message: 'body larger than ' + MAX_BODY + ' bytes' }, { Connection: 'close' });
}

function send(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers });
  res.end(data);
}

function empty(res, status, headers = {}) {
  res.writeHead(status, { 'Content-Length': 0, ...headers });
  res.end();
}

// Requests Node cannot parse never reach the handler: 400 as Node would, 431 for headers beyond its
// limit, and 403 for a method Node does not know, like any request whose token was not checked.
function onClientError(err, socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const status =
    err.code === 'HPE_INVALID_METHOD' ? '403 Forbidden'
      : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
  socket.end('HTTP/1.1 ' + status + '\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}

function serve(handle = plugin.handle, port = PORT) {
  const server = http.createServer(handle);
  server.keepAliveTimeout = 5 * 60 * 1000;
  server.on('clientError', onClientError);
  server.listen(port, () => console.log('hello generator plugin listening on :' + port));
  return server;
}

module.exports = { plugin, serve, send, empty, readBody, isObject, RPC_PATH };

// Started as `node server.js` (or `node -e`), not when required by a broken sample.
if (require.main === module || module.id === '[eval]') serve();
