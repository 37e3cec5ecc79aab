import { InvalidSettingsError, loadSettings } from '@frm/config';
import { complianceSettings } from './compliance.settings';

describe('complianceSettings', () => {
  it('serves no metrics unless FRM_COMPLIANCE_METRICS_PORT is set; 0 picks a free port', () => {
    expect(loadSettings(complianceSettings, {}).FRM_COMPLIANCE_METRICS_PORT).toBeUndefined();
    expect(loadSettings(complianceSettings, { FRM_COMPLIANCE_METRICS_PORT: '9464' }).FRM_COMPLIANCE_METRICS_PORT).toBe(9464);
    expect(loadSettings(complianceSettings, { FRM_COMPLIANCE_METRICS_PORT: '0' }).FRM_COMPLIANCE_METRICS_PORT).toBe(0);
    expect(() => loadSettings(complianceSettings, { FRM_COMPLIANCE_METRICS_PORT: 'metrics' })).toThrow(InvalidSettingsError);
  });
});
