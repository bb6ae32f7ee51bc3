import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './ui/base.css'
import './ui/a11y.css'
import { i18n, tr } from './i18n'
import { naiveConfig } from './ui/naive-config'
import { naiveToastSink, setToastSink, toast } from './ui/toasts'
import { trackInputModality } from './ui/a11y'

const app = createApp(App)
app.use(createPinia()).use(i18n)

// No silent failures and no stack traces on screen: the details go to the console only.
app.config.errorHandler = (err) => {
  console.error(err)
  toast({
    kind: 'error',
    title: tr('toast.unexpected'),
    lines: [tr('toast.unexpectedBody')],
    testid: 'toast-unexpected',
  })
}

// After app.use(pinia) (the active Pinia); not inside runWithContext, or the toasts' own app
// would read this app's provides.
trackInputModality()
setToastSink(naiveToastSink(naiveConfig()))
app.mount('#app')
