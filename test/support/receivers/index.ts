// Local stand-ins for the services aispm integrates with, for the integration, server and dashboard tests.
export { Receiver, type RecordedRequest, type Reply } from './base.js';
export { JiraReceiver, type JiraIssue } from './jira.js';
export { GithubReceiver, type GithubIssue } from './github.js';
export { ServicenowReceiver, type Incident } from './servicenow.js';
export { SlackReceiver } from './slack.js';
export { WebhookReceiver, type ReceivedEvent } from './webhook.js';
