// A bare botbuilder echo bot (restify + CloudAdapter, anonymous auth): the benchmark's baseline.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
});
server.get('/readyz', (_req, res, next) => {
  res.json({ status: 'ready' });
  next();
});
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
