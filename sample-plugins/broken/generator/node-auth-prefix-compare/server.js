// The hello generator plugin on Node with one defect (marked DEFECT): its token check is a prefix compare.
'use strict';
const hello = require('./hello');

hello.plugin.authorized = (req) =>
  // DEFECT: startsWith, not equality: "Bearer <token>" followed by anything is let in
  (req.headers.authorization || '').startsWith('Bearer ' + hello.plugin.token);

hello.serve();
