// What both consumers do with the library they loaded, each its own way: list calls from the emulator
// (its ready line in EMULATOR) in both dialects, and ask for a sid it does not hold.
module.exports = async function listBoth({ NotFoundError, createCallClient }) {
  const emulator = JSON.parse(process.env.EMULATOR);
  const options = {
    twilio: { provider: 'twilio', ...emulator.twilio, missing: `CA${'0'.repeat(32)}` },
    signalwire: {
      provider: 'signalwire',
      projectId: emulator.signalwire.projectId,
      token: emulator.signalwire.token,
      missing: '00000000-0000-0000-0000-000000000000',
    },
  };
  const out = {};
  for (const { missing, ...credentials } of Object.values(options)) {
    const client = createCallClient({ ...credentials, baseUrl: emulator.url, env: {} });
    const calls = await client.calls.list({ status: 'completed', limit: 7, pageSize: 3 });
    const error = await client.calls.get(missing).catch((e) => e);
    out[credentials.provider] = { sids: calls.map((c) => c.sid), missingIsNotFound: error instanceof NotFoundError };
  }
  return out;
};
