/** Mounts a component with the window's plugins (i18n in English, the active Pinia). */
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import type { Component } from 'vue'
import { applyLocale, i18n, type AppLocale } from '../i18n'

export function mountUi<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> = {},
  locale: AppLocale = 'en',
) {
  applyLocale(locale)
  const pinia = getActivePinia()
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: pinia ? [i18n, pinia] : [i18n], ...(options.global ?? {}) },
  } as ComponentMountingOptions<C>)
}
