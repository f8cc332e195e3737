// The hello executor plugin of Argo's docs (seed 001) on Express, written to pass the conformance
// suite: token from /var/run/argo/token, 403 with an empty body on a wrong or missing bearer for
// every method and path, {} for other plugins' templates, 404 for unknown RPC methods,
// outputs.parameters foo=bar, and 400 (never a 5xx) for requests Argo would never send.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const express = require('express');

const PORT = 4355;
const EXECUTE_PATH = '/api/v1/template.execute';

const token = fs.readFileSync('/var/run/argo/token', 'utf8').trim();
const expected = Buffer.from('Bearer ' + token, 'utf8');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Exactly one Authorization header, equal to "Bearer <token>", compared in constant time. Node keeps
// only the first of repeated Authorization headers in req.headers, so count them here. (Node trims
// the spaces around a header value, as RFC 9110 says: "Bearer <token> " arrives as "Bearer <token>".)
function authorized(req) {
  const values = req.headersDistinct.authorization;
  if (!values || values.length !== 1) return false;
  const given = Buffer.from(values[0], 'latin1');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const app = express();
app.disable('x-powered-by');
app.set('etag', false);

// The token first, for every method and path: no route, parser or error page runs before it.
app.use((req, res, next) => (authorized(req) ? next() : res.status(403).end()));

app.post(
  EXECUTE_PATH,
  // Any Content-Type: Argo sends application/json, and a plugin should not 415 a client that forgets it.
  express.json({ type: () => true, limit: '8mb', strict: true }),
  (req, res) => {
    const template = isObject(req.body) ? req.body.template : undefined;
    if (!isObject(template)) return res.status(400).json({ message: 'not a template.execute request' });
    const mine = isObject(template.plugin) && Object.prototype.hasOwnProperty.call(template.plugin, 'hello');
    if (!mine) return res.json({}); // not our template: Argo asks the next plugin
    res.json({
      node: { phase: 'Succeeded', message: 'Hello template!', outputs: { parameters: [{ name: 'foo', value: 'bar' }] } },
    });
  },
);
app.all(EXECUTE_PATH, (req, res) => res.set('Allow', 'POST').status(405).end());
app.use((req, res) => res.status(404).end()); // an RPC method this plugin does not implement: Argo stops calling it

// body-parser's errors are the client's (400 bad JSON or framing, 413 too large, 415 charset); anything
// else would be a bug here, and Express's default page would print its stack.
// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  const status = err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) console.error('hello executor plugin: ' + err.message);
  if (res.headersSent || res.destroyed) return;
  res.status(status).json({ message: status === 500 ? 'internal error' : err.type || 'bad request' });
});

const server = app.listen(PORT, () => console.log('hello executor plugin (express) listening on :' + PORT));
server.keepAliveTimeout = 5 * 60 * 1000; // keep-alive: Argo's Go client keeps idle connections 90 s
// Requests Node cannot parse never reach Express; answer them as Node would, except that a method Node
// does not know is refused with 403 like any request whose token was not checked.
server.on('clientError', (err, socket) => {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const status =
    err.code === 'HPE_INVALID_METHOD' ? '403 Forbidden'
      : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
  socket.end('HTTP/1.1 ' + status + '\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
});
