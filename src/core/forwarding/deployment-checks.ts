import type { ForwardingConfig } from './config';
import { checkWebhookUrl, createAddressClassifier, type Mode } from './url-safety';

/**
 * Rules that depend on where the bot runs, checked at start with the path of each problem:
 * https and the host allow-list in production, no private or link-local targets anywhere.
 */
export function checkForwardingDeployment(config: ForwardingConfig, mode: Mode): string[] {
  const classifier = createAddressClassifier();
  const problems: string[] = [];
  config.destinations.forEach((destination, i) => {
    if (destination.type !== 'webhook') return;
    const problem = checkWebhookUrl(destination.url, {
      mode,
      allowedHosts: config.allowedHosts,
      classifier,
    });
    if (problem !== undefined) problems.push(`forwarding.destinations[${i}].url: ${problem}`);
  });
  if (mode === 'production' && config.smtp && !config.smtp.secure && !config.smtp.requireTls) {
    problems.push('forwarding.smtp.requireTls: must be true in production (or use secure: true)');
  }
  return problems;
}
