let lambdaClient: import("@aws-sdk/client-lambda").LambdaClient | undefined;

/**
 * An `Event` (asynchronous) invocation of a Lambda: retries and the
 * on-failure destination are the target's asynchronous-invocation settings.
 * The client is imported lazily: only the few functions that start others need it.
 */
export async function invokeAsync(functionName: string, event: unknown, what: string): Promise<void> {
  const { LambdaClient, InvokeCommand } = await import("@aws-sdk/client-lambda");
  lambdaClient ??= new LambdaClient({});
  const result = await lambdaClient.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: "Event",
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  if (result.StatusCode !== 202) throw new Error(`invoking ${what} answered ${result.StatusCode}`);
}
