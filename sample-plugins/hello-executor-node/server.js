// The hello executor plugin of Argo's docs (seed 001) on Node's own http module, written to pass the
// conformance suite: token from /var/run/argo/token, 403 with an empty body on a wrong or missing
// bearer for every method and path, {} for other plugins' templates, 404 for unknown RPC methods,
// outputs.parameters foo=bar, and 400 (never a 5xx) for requests Argo would never send.
// Broken samples require this file as ./hello and replace one function of `plugin`.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const PORT = 4355;
const EXECUTE_PATH = '/api/v1/template.execute';
const MAX_BODY = 8 * 1024 * 1024;

const token = fs.readFileSync('/var/run/argo/token', 'utf8').trim();
const expected = Buffer.from('Bearer ' + token, 'utf8');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const plugin = {
  // Exactly one Authorization header, equal to "Bearer <token>", compared in constant time. Node
  // keeps only the first of repeated Authorization headers in req.headers, so count them here.
  // (Node trims the spaces around a header value, as RFC 9110 says, so "Bearer <token> " arrives
  // as "Bearer <token>".)
  authorized(req) {
    const values = req.headersDistinct.authorization;
    if (!values || values.length !== 1) return false;
    const given = Buffer.from(values[0], 'latin1'); // the bytes as sent
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  },

  // Every request: the token first, whatever the method or path.
  handle(req, res) {
    if (!plugin.authorized(req)) return empty(res, 403);
    if (req.url.split('?', 1)[0] !== EXECUTE_PATH) return empty(res, 404); // Argo stops calling it
    if (req.method !== 'POST') return empty(res, 405, { Allow: 'POST' });
    readBody(req, res, (body) => {
      const template = plugin.template(body);
      if (template === undefined) return send(res, 400, { message: 'not a template.execute request' });
      if (!plugin.mine(template)) return plugin.decline(res);
      plugin.accept(res, template);
    });
  },

  // The request's template: a JSON object holding a "template" object; undefined for anything else.
  template(body) {
    let args;
    try {
      args = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return undefined; // SyntaxError, or RangeError for very deep nesting
    }
    return isObject(args) && isObject(args.template) ? args.template : undefined;
  },

  mine(template) {
    return isObject(template.plugin) && Object.prototype.hasOwnProperty.call(template.plugin, 'hello');
  },

  decline(res) {
    send(res, 200, {}); // not our template: Argo asks the next plugin
  },

  accept(res, template) {
    send(res, 200, {
      node: { phase: 'Succeeded', message: 'Hello template!', outputs: { parameters: [{ name: 'foo', value: 'bar' }] } },
    });
  },
};

// Reads the body, at most MAX_BODY bytes (413 beyond); a request that ends early gets no answer here.
function readBody(req, res, then) {
  if (Number(req.headers['content-length']) > MAX_BODY) return tooLarge(res);
  const chunks = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk) => {
    if (over) return; // drained and dropped until the connection closes
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

// Requests Node cannot parse never reach the handler; answer them as Node would, except that a method
// Node does not know is refused with 403 like any request whose token was not checked.
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
  server.keepAliveTimeout = 5 * 60 * 1000; // keep-alive: Argo's Go client keeps idle connections 90 s
  server.on('clientError', onClientError);
  server.listen(port, () => console.log('hello executor plugin listening on :' + port));
  return server;
}

module.exports = { plugin, serve, send, empty, readBody, isObject, EXECUTE_PATH };

// Started as `node server.js`, or as `node -e <this file>` (plugin.yaml: argo executor-plugin build
// puts a server.* file into the args); not when required by a broken sample.
if (require.main === module || module.id === '[eval]') serve();
