/** Sent with every request so source operators can see who is asking and how to reach the project. */
export const DEFAULT_USER_AGENT = 'CareVoice/0.1 (+https://github.com/carevoice/carevoice; NHS cancer care listening)';
