// The hello executor plugin on Node with one defect (marked DEFECT): it checks the token only where it
// does its work, for its own template, so everything else is answered without a token.
'use strict';
const hello = require('./hello');
const { plugin, send, empty, readBody, EXECUTE_PATH } = hello;

function handle(req, res) {
  // DEFECT: no token check before routing: an unknown method or path gets 404 or 405 without one
  if (req.url.split('?', 1)[0] !== EXECUTE_PATH) return empty(res, 404);
  if (req.method !== 'POST') return empty(res, 405, { Allow: 'POST' });
  readBody(req, res, (body) => {
    const template = plugin.template(body);
    if (template === undefined) return send(res, 400, { message: 'not a template.execute request' });
    if (!plugin.mine(template)) return plugin.decline(res); // DEFECT: another plugin's template is declined without a token
    if (!plugin.authorized(req)) return empty(res, 403); // the only token check: in the accept branch
    plugin.accept(res, template);
  });
}

hello.serve(handle);
