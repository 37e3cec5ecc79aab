export interface BrokerSettings {
  brokerPort: number;
  controllerPort: number;
  logDir: string;
}

export function renderServerProperties(template: string, settings: BrokerSettings): string {
  const values: Record<string, string> = {
    BROKER_PORT: String(settings.brokerPort),
    CONTROLLER_PORT: String(settings.controllerPort),
    LOG_DIR: settings.logDir,
  };
  return template.replace(/@([A-Z_]+)@/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`server.properties has an unknown placeholder ${placeholder}; the launcher fills only ${Object.keys(values).join(', ')}`);
    }
    return value;
  });
}
